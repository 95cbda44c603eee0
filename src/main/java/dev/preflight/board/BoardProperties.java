package dev.preflight.board;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * @param open {@code PREFLIGHT_BOARD_PUBLIC}: anonymous visitors see the board, counts and verdicts only
 * @param projects the projects shown (PREFLIGHT_BOARD_PROJECTS=ET,ES); empty: the check's default project
 * @param refresh how often a wall screen reloads the board
 */
@ConfigurationProperties("preflight.board")
public record BoardProperties(
        @Name("public") @DefaultValue("false") boolean open,
        @DefaultValue List<String> projects,
        @DefaultValue("30s") Duration refresh) {}
