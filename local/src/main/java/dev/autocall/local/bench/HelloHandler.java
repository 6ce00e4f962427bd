package dev.autocall.local.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** The baseline for cold starts: a handler that does nothing but answer. */
public final class HelloHandler implements RequestHandler<Object, String> {
    @Override
    public String handleRequest(Object input, Context context) {
        return "hello " + input;
    }
}
