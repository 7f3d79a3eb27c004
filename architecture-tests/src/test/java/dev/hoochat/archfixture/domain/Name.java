package dev.hoochat.archfixture.domain;

/** Fixture: a clean domain value. */
public record Name(String value) {}
