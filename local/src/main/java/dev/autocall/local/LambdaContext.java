package dev.autocall.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The Lambda context the local runtime hands to handlers. */
record LambdaContext(String functionName, String requestId) implements Context {
    static LambdaContext of(String functionName) {
        return new LambdaContext(functionName, UUID.randomUUID().toString());
    }

    public String getAwsRequestId() {
        return requestId;
    }

    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    public String getLogStreamName() {
        return "local";
    }

    public String getFunctionName() {
        return functionName;
    }

    public String getFunctionVersion() {
        return "$LATEST";
    }

    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
    }

    public CognitoIdentity getIdentity() {
        return null;
    }

    public ClientContext getClientContext() {
        return null;
    }

    public int getRemainingTimeInMillis() {
        return 20_000;
    }

    public int getMemoryLimitInMB() {
        return 1024;
    }

    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            public void log(String message) {
                System.err.println(message);
            }

            public void log(byte[] message) {
                System.err.println(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
