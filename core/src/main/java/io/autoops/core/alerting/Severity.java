package io.autoops.core.alerting;

/** Alert severity, in increasing order. */
public enum Severity { INFO, WARNING, CRITICAL }
