package se.foubot.deadletter;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/dead-letters} (admin token): parked work, newest first, with the rule that parked it. */
@RestController
class DeadLetterAdminController {

    private final DeadLetters deadLetters;

    DeadLetterAdminController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/api/dead-letters")
    List<DeadLetter> list(@RequestParam(defaultValue = "200") int limit) {
        return deadLetters.parked(Math.max(1, Math.min(limit, 1000)));
    }
}
