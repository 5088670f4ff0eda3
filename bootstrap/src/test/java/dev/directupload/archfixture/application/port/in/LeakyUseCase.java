package dev.directupload.archfixture.application.port.in;

import dev.directupload.archfixture.application.port.out.SavePort;

/** Fixture: an in-port that hands its callers an out-port (forbidden). */
public interface LeakyUseCase {
    SavePort port();
}
