package io.github.keycloakwechat.it.support;

import java.lang.reflect.Method;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Starts Keycloak once per test JVM (kept in the root store, which stops it when the run ends) and injects it
 * as a {@link KeycloakRuntime} parameter.
 *
 * <p>Where the selected runtime cannot run (testcontainers without a Docker engine) every test is aborted, so
 * it is reported skipped: the class's lifecycle methods are skipped rather than failed, and a runtime parameter
 * resolves to a stand-in that aborts when used. Aborting the class instead would report no test at all.
 */
public final class KeycloakExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver,
        InvocationInterceptor {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakExtension.class);

    /** Starts Keycloak before the class runs, so a start failure fails the class once, with Keycloak's log. */
    @Override
    public void beforeAll(ExtensionContext context) {
        SharedKeycloak keycloak = shared(context);
        if (keycloak.unavailableReason() == null) {
            keycloak.get();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        String unavailable = shared(context).unavailableReason();
        if (unavailable != null) {
            Assumptions.abort(unavailable);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KeycloakRuntime.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        SharedKeycloak keycloak = shared(extensionContext);
        String unavailable = keycloak.unavailableReason();
        return unavailable == null ? keycloak.get() : new UnavailableKeycloak(unavailable);
    }

    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                         ExtensionContext extensionContext) throws Throwable {
        proceedIfAvailable(invocation, extensionContext);
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                          ExtensionContext extensionContext) throws Throwable {
        proceedIfAvailable(invocation, extensionContext);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                         ExtensionContext extensionContext) throws Throwable {
        proceedIfAvailable(invocation, extensionContext);
    }

    @Override
    public void interceptAfterAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                        ExtensionContext extensionContext) throws Throwable {
        proceedIfAvailable(invocation, extensionContext);
    }

    /** Set-up and clean-up of a class whose tests are all aborted would only fail on the missing Keycloak. */
    private static void proceedIfAvailable(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        if (shared(context).unavailableReason() == null) {
            invocation.proceed();
        } else {
            invocation.skip();
        }
    }

    private static SharedKeycloak shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(SharedKeycloak.class,
                type -> new SharedKeycloak(HarnessSettings.fromSystemProperties()), SharedKeycloak.class);
    }
}
