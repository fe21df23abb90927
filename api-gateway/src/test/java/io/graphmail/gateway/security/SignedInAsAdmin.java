package io.graphmail.gateway.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.test.context.support.WithSecurityContext;

/** Each test of a web slice runs with {@link SignedIn#ADMIN} as the current client, as the filter chain would make it. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@WithSecurityContext(factory = SignedIn.AsAdmin.class)
public @interface SignedInAsAdmin {}
