package dev.autocall.testing;

import dev.autocall.domain.compliance.CapStore;
import dev.autocall.domain.compliance.CapUsage;
import dev.autocall.domain.compliance.ComplianceReason;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A CapStore in memory with the same counting rules as DynamoCapStore, for unit tests. */
public final class InMemoryCapStore implements CapStore {
    private record Call(String workspaceId, String number, Instant at, LocalDate numberDay) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final Set<String> reserved = new HashSet<>();

    @Override
    public synchronized CapUsage usage(String workspaceId, String number, Instant at, ZoneId numberZone) {
        Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        LocalDate numberDay = LocalDate.ofInstant(at, numberZone);
        List<Call> mine = calls.stream().filter(c -> c.workspaceId().equals(workspaceId)).toList();
        return new CapUsage(
                (int) mine.stream().filter(c -> c.at().truncatedTo(ChronoUnit.MINUTES).equals(minute)).count(),
                (int) mine.stream().filter(c -> LocalDate.ofInstant(c.at(), ZoneOffset.UTC).equals(day)).count(),
                (int) mine.stream().filter(c -> c.number().equals(number) && c.numberDay().equals(numberDay)).count(),
                mine.stream().filter(c -> c.number().equals(number) && c.at().isAfter(at.minus(Duration.ofDays(14))))
                        .map(Call::at).toList());
    }

    @Override
    public synchronized CapUsage usageFor(String requestId, String workspaceId, String number, Instant at, ZoneId numberZone) {
        return reserved.contains(workspaceId + "#" + requestId) ? CapUsage.NONE : usage(workspaceId, number, at, numberZone);
    }

    @Override
    public synchronized Reservation reserve(String requestId, String workspaceId, String number, Instant at, ZoneId numberZone,
                                            Limits limits) {
        if (reserved.contains(workspaceId + "#" + requestId)) {
            return new Reservation.AlreadyReserved();
        }
        CapUsage usage = usage(workspaceId, number, at, numberZone);
        if (usage.numberCallTimes().size() >= limits.perNumberPer14Days()) {
            return new Reservation.CapReached(ComplianceReason.NUMBER_WINDOW_CAP);
        }
        if (usage.workspaceThisMinute() >= limits.perMinute()) {
            return new Reservation.CapReached(ComplianceReason.RATE_LIMITED);
        }
        if (usage.workspaceToday() >= limits.perDay()) {
            return new Reservation.CapReached(ComplianceReason.WORKSPACE_DAILY_CAP);
        }
        if (usage.numberToday() >= limits.perNumberPerDay()) {
            return new Reservation.CapReached(ComplianceReason.NUMBER_DAILY_CAP);
        }
        reserved.add(workspaceId + "#" + requestId);
        // The adapter keeps call times to the second.
        calls.add(new Call(workspaceId, number, at.truncatedTo(ChronoUnit.SECONDS), LocalDate.ofInstant(at, numberZone)));
        return new Reservation.Reserved();
    }

    public synchronized int reservations() {
        return reserved.size();
    }
}
