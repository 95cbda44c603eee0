package dev.preflight.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No request body over {@link #MAX_BYTES}: the API's JSON and the forms are a few hundred bytes,
 * and a 50 MB body must not be read in full. A declared length over it gets 413 before anything
 * reads; a body without one is cut off where it passes the limit. A body read as a stream must also
 * arrive within its deadline in all: Tomcat's connection timeout only bounds the wait for each
 * part, so a client trickling a byte every few seconds would otherwise hold a thread for hours.
 */
final class BodyLimit extends OncePerRequestFilter {

    static final long MAX_BYTES = 1024 * 1024;
    private final java.time.Duration deadline;

    BodyLimit(java.time.Duration deadline) {
        this.deadline = deadline;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BYTES) {
            Problems.write(
                    response,
                    HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "Body too large",
                    "A request body may hold at most " + MAX_BYTES / 1024 + " KB.");
            return;
        }
        chain.doFilter(new Limited(request, System.nanoTime() + deadline.toNanos(), deadline), response);
    }

    /** A body that fails once it passes the size limit or the deadline. */
    private static final class Limited extends HttpServletRequestWrapper {
        private final long deadline;
        private final java.time.Duration allowed;
        private ServletInputStream limited;

        Limited(HttpServletRequest request, long deadline, java.time.Duration allowed) {
            super(request);
            this.deadline = deadline;
            this.allowed = allowed;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                ServletInputStream in = super.getInputStream();
                limited = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        count(b >= 0 ? 1 : 0);
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        count(Math.max(n, 0));
                        return n;
                    }

                    private void count(int n) throws IOException {
                        read += n;
                        if (read > MAX_BYTES) {
                            throw new IOException("request body over " + MAX_BYTES / 1024 + " KB");
                        }
                        if (System.nanoTime() - deadline > 0) {
                            throw new java.net.SocketTimeoutException(
                                    "request body not received within " + allowed.toSeconds() + " s");
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return limited;
        }
    }
}
