package dev.directupload.archfixture.application.port.out;

/** Fixture: an out-port. */
public interface SavePort {
    void save(String value);
}
