package dev.autocall.domain.campaign;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** A campaign as GET shows it, in the shape {@link CampaignParser#parse} reads back. */
final class CampaignView {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private CampaignView() {
    }

    static ObjectNode write(Campaign campaign) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", campaign.id());
        out.put("name", campaign.name());
        out.set("action", action(campaign.action()));
        out.put("purpose", campaign.purpose());
        out.put("callerId", campaign.callerId());
        out.set("audience", audience(campaign.audience()));
        out.set("schedule", schedule(campaign.schedule()));
        Campaign.Retry retry = campaign.retry();
        ObjectNode retryNode = out.putObject("retry").put("maxAttempts", retry.maxAttempts())
                .put("interval", retry.interval().toString());
        strings(retryNode.putArray("on"), CampaignParser.RETRY_OUTCOMES.stream().filter(retry.on()::contains).toList());
        out.putObject("pace").put("callsPerMinute", campaign.pace().callsPerMinute())
                .put("maxConcurrent", campaign.pace().maxConcurrent());
        campaign.recurring().ifPresentOrElse(r -> out.putObject("recurrence").put("cron", r.cron())
                .put("timeZone", r.timeZone().getId()), () -> out.putNull("recurrence"));
        out.put("status", campaign.status().wire());
        out.put("createdAt", campaign.createdAt() == null ? null : campaign.createdAt().toString());
        out.put("run", campaign.run());
        return out;
    }

    private static ObjectNode action(Campaign.Action action) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        switch (action) {
            case Campaign.Action.Flow flow -> out.put("flow", flow.flowId());
            case Campaign.Action.Workflow workflow -> out.put("workflow", workflow.workflowId());
            case Campaign.Action.Message message -> {
                out.put("message", message.text());
                if (message.voice() != null) {
                    out.put("voice", message.voice());
                }
            }
        }
        return out;
    }

    private static ObjectNode audience(Campaign.Audience audience) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        audience.byTag().ifPresentOrElse(tag -> out.put("tag", tag), () -> strings(out.putArray("phones"), audience.phones()));
        return out;
    }

    private static ObjectNode schedule(Campaign.Schedule schedule) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("startAt", schedule.startAt() == null ? null : schedule.startAt().toString());
        out.put("endAt", schedule.endAt() == null ? null : schedule.endAt().toString());
        if (schedule.hours() == null) {
            out.putNull("hours");
        } else {
            out.putObject("hours").put("start", HH_MM.format(schedule.hours().start()))
                    .put("end", HH_MM.format(schedule.hours().end()));
        }
        List<String> days = new ArrayList<>();
        new TreeSet<>(schedule.days()).forEach(d -> days.add(ScheduleFields.dayName(d)));
        strings(out.putArray("days"), days);
        return out;
    }

    private static void strings(ArrayNode array, Iterable<String> values) {
        values.forEach(array::add);
    }
}
