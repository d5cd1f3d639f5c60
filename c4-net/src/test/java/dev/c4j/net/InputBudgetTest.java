package dev.c4j.net;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InputBudgetTest {

    /** A connection as the budget sees it, recording what the budget did to it. */
    private static final class Connection implements InputBudget.Holder {
        final InputBudget budget;
        final List<String> events = new ArrayList<>();
        int held;
        boolean request;

        Connection(InputBudget budget) {
            this.budget = budget;
            budget.join(this);
        }

        void receive(int bytes) {
            held += bytes;
            budget.changed(bytes);
        }

        void deliver() {
            int bytes = held;
            held = 0;
            budget.changed(-bytes);
        }

        @Override
        public int unsatisfiedBytes() {
            return request ? held : 0;
        }

        @Override
        public void refuse() {
            events.add("refused");
            request = false;
            deliver();
        }

        @Override
        public void roomMade() {
            events.add("room");
        }
    }

    @Test
    void readAheadStopsAtHalfTheBudgetAndRequestsAtTheBudget() {
        InputBudget budget = new InputBudget(100);
        Connection c = new Connection(budget);
        c.receive(50);
        assertThat(budget.mayRead(c, false)).isFalse();
        assertThat(budget.mayRead(c, true)).isTrue();
    }

    @Test
    void aFullBudgetRefusesTheLargestUnsatisfiedHolderNotTheSmallOne() {
        InputBudget budget = new InputBudget(100);
        Connection hog = new Connection(budget);
        Connection idle = new Connection(budget); // holds bytes, but no request: never refused
        Connection polite = new Connection(budget);
        hog.request = true;
        polite.request = true;
        hog.receive(70);
        idle.receive(30);
        polite.receive(1);
        assertThat(budget.mayRead(polite, true)).as("room made by refusing the hog").isTrue();
        assertThat(hog.events).containsExactly("refused");
        assertThat(idle.events).isEmpty();
        assertThat(polite.events).isEmpty();
    }

    @Test
    void whoWaitsIsWokenOnceThereIsRoom() {
        InputBudget budget = new InputBudget(100);
        Connection idle = new Connection(budget);
        Connection waiter = new Connection(budget);
        idle.receive(100);
        assertThat(budget.mayRead(waiter, true)).isFalse(); // nothing to refuse: the bytes have no request
        idle.deliver();
        assertThat(waiter.events).containsExactly("room");
    }

    @Test
    void noLimitNeverWaits() {
        InputBudget budget = new InputBudget(0);
        Connection c = new Connection(budget);
        c.receive(Integer.MAX_VALUE);
        assertThat(budget.mayRead(c, false)).isTrue();
    }
}
