package dev.directupload.archfixture.bootstrap;

/** The fixture's bootstrap. */
public class FixtureWiring {}
