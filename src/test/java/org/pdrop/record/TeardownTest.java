package org.pdrop.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeardownTest {
    @Test
    void undoesLastChangeFirstOnceAndPastFailures() {
        List<String> done = new ArrayList<>();
        Teardown t = new Teardown();
        t.push("remove a", new Leftover("a", List.of("rm", "a")), w -> done.add("a"));
        t.push("remove b", new Leftover("b", List.of("rm", "b")), w -> {
            throw new IllegalStateException("b is stuck");
        });
        t.push("stop c", null, w -> {
            throw new RecordException("c did not stop");
        });
        t.push("remove d", null, w -> {
            throw new Teardown.LeftBehindException(new Leftover("d, changed", List.of("fix", "d")));
        });
        t.push("remove e", null, w -> {
            done.add("e");
            w.add("e was odd");
        });

        Teardown.Result r = t.run();

        assertThat(done).containsExactly("e", "a");
        assertThat(r.leftovers()).containsExactly(new Leftover("d, changed", List.of("fix", "d")),
                new Leftover("b (b is stuck)", List.of("rm", "b")));
        assertThat(r.warnings()).containsExactly("e was odd", "Failed to stop c: c did not stop");
        assertThat(r.leftovers().get(1).describe()).isEqualTo("left behind: b (b is stuck); remove it with: rm b");
        assertThat(t.run().leftovers()).isEmpty();
        assertThat(done).containsExactly("e", "a");
    }
}
