package io.graphmail.gateway.security;

import jakarta.servlet.Filter;

/**
 * A filter that must see only authenticated, authorised requests (and their client): the filter chain runs it
 * after authorisation, on the same normalised path Spring MVC routes on. Such filters are not registered with the
 * servlet container themselves.
 */
public interface AfterAuthorization extends Filter {}
