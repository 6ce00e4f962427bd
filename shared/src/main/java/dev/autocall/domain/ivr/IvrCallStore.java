package dev.autocall.domain.ivr;

import java.util.Optional;

/** Port: IVR calls between their turns, by call sid (Twilio's, unique across accounts; the record holds its workspace). */
public interface IvrCallStore {
    Optional<IvrCall> find(String callSid);

    /**
     * Stores the call if the stored one is still at {@code previousTurn} (-1: none is stored yet); false when another
     * answer to the same callback got there first, which then stands.
     */
    boolean save(IvrCall call, int previousTurn);

    /** Marks the call's end reported, once: true for the one caller that marked it. */
    boolean markReported(String callSid);
}
