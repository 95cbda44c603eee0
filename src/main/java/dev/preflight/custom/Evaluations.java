package dev.preflight.custom;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where JSONata evaluations run, so the caller can stop waiting: the library's own time bound is
 * checked between steps, and a regular expression that backtracks for minutes, or a range of a
 * hundred million items, never reaches one. A few threads of their own (idle ones end), so a
 * runaway evaluation holds one of them, not a request or a check.
 */
final class Evaluations {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ThreadPoolExecutor threads;

    Evaluations(int size) {
        threads = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "jsonata-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        threads.allowCoreThreadTimeOut(true);
    }

    /** The evaluation's result, or a failure once {@code deadline} has passed (the evaluation is interrupted). */
    <T> T within(Duration deadline, Callable<T> evaluation) throws Expression.EvaluationFailure {
        Future<T> running = threads.submit(evaluation);
        try {
            return running.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            throw new Expression.EvaluationFailure("evaluation stopped after " + deadline.toMillis() + " ms");
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            throw new Expression.EvaluationFailure("evaluation interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Expression.EvaluationFailure failure) {
                throw failure;
            }
            if (e.getCause() instanceof OutOfMemoryError) {
                throw new Expression.EvaluationFailure("evaluation needs more memory than a transform may use");
            }
            throw new Expression.EvaluationFailure(
                    "evaluation failed (" + e.getCause().getClass().getSimpleName() + ")");
        }
    }
}
