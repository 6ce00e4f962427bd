package dev.autocall.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.autocall.config.Environment;

import java.lang.reflect.Constructor;
import java.time.Clock;

/**
 * A function of the template, its handler constructed as Lambda would (the class named in Handler) but
 * with the local environment and clock.
 */
record LocalFunction(String logicalId, RequestHandler<Object, Object> handler) {

    @SuppressWarnings("unchecked")
    static LocalFunction create(TemplateModel.Function function, Environment env, Clock clock) {
        String className = function.handler().split("::")[0];
        try {
            Class<?> type = Class.forName(className);
            Constructor<?> constructor = type.getConstructor(Environment.class, Clock.class);
            return new LocalFunction(function.logicalId(), (RequestHandler<Object, Object>) constructor.newInstance(env, clock));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + function.logicalId() + " handler " + className
                    + " with (Environment, Clock)", e);
        }
    }
}
