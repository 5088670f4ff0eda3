package dev.directupload.archfixture.application.service;

/** A service implementation of the fixture. */
public class SomeService {}
