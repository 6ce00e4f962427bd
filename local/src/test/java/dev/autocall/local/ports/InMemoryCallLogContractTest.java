package dev.autocall.local.ports;

import dev.autocall.domain.call.CallLog;
import dev.autocall.testing.InMemoryCallLog;

class InMemoryCallLogContractTest extends CallLogContract {
    @Override
    protected CallLog newLog() {
        return new InMemoryCallLog();
    }
}
