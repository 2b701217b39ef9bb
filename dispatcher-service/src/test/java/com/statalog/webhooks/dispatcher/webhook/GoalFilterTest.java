package com.statalog.webhooks.dispatcher.webhook;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.statalog.webhooks.dispatcher.TestHook;
import com.statalog.webhooks.testkit.ConfigTopic;
import com.statalog.webhooks.testkit.Receiver;
import com.statalog.webhooks.testkit.TestKafkaClient;

/** A webhook restricted to some goals gets the conversions of those goals, by id or by name, and no others. */
@QuarkusTest
class GoalFilterTest {

    static final Receiver RECEIVER = new Receiver();

    @Inject
    WebhookDirectory directory;

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void onlyTheChosenGoalsAreDelivered() {
        TestHook chosen = new TestHook(RECEIVER.url("/chosen-goals"), TestHook.SECRET, directory,
                ConfigTopic.goals(List.of(17L), List.of("Purchase")));
        // one site, one partition, in order: the unwanted conversion is read before the wanted ones
        TestKafkaClient.sendAll("statalog.events", chosen.site, List.of(chosen.goalEvent(5, "Newsletter"),
                chosen.goalEvent(17, "Signup"), chosen.goalEvent(3, "Purchase"), chosen.goalEvent(4, "signup")));

        await().atMost(Duration.ofSeconds(30)).until(() -> RECEIVER.received("/chosen-goals").size() == 2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> RECEIVER.received("/chosen-goals").size() == 2);
        // records are read in order but delivered concurrently (up to 8 at once per endpoint): compare as a set
        Set<String> bodies = RECEIVER.received("/chosen-goals").stream().map(request -> new String(request.body()))
                .collect(Collectors.toSet());
        assertEquals(Set.of(chosen.goalEvent(17, "Signup"), chosen.goalEvent(3, "Purchase")), bodies);
    }

    @Test
    void withoutAFilterEveryGoalIsDelivered() {
        TestHook every = new TestHook(RECEIVER, "/every-goal", directory);
        TestKafkaClient.sendAll("statalog.events", every.site, List.of(every.goalEvent(5, "Newsletter"), every.goalEvent(17, "Signup")));
        await().atMost(Duration.ofSeconds(30)).until(() -> RECEIVER.received("/every-goal").size() == 2);
    }

    @Test
    void aFilterMatchesByIdOrExactName() {
        GoalFilter filter = new GoalFilter(java.util.Set.of(17L), java.util.Set.of("Purchase"));
        assertEquals(List.of(true, true, false, false, false), List.of(filter.matches(17L, "x"), filter.matches(null, "Purchase"),
                filter.matches(3L, "purchase"), filter.matches(null, null), filter.matches(18L, "Purchase ")));
        assertEquals(true, GoalFilter.EVERY_GOAL.matches(null, null));
    }
}
