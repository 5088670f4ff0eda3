package dev.directupload.archfixture.adapter.oss;

/** An adapter class of the fixture. */
public class OssThing {}
