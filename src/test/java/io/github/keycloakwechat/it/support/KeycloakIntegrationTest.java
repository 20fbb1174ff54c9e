package io.github.keycloakwechat.it.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs against a real Keycloak: declare a {@link KeycloakRuntime} parameter on a test method,
 * constructor or {@code @BeforeAll} method. One Keycloak serves every such class of the test JVM; the system
 * property {@code keycloak.runtime} ({@code distribution} or {@code testcontainers}) picks how it runs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KeycloakExtension.class)
public @interface KeycloakIntegrationTest {
}
