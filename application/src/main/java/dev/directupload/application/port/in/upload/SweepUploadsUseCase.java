package dev.directupload.application.port.in.upload;

/** Ends expired upload slots (completing those whose object arrived) and retries pending deletions. */
public interface SweepUploadsUseCase {

    SweepReport sweep();

    /** What one sweep did. */
    record SweepReport(int completed, int expired, int deletedObjects) {}
}
