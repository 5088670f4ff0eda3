package dev.directupload.application.port.in.upload;

import java.util.List;

/** Decides per file: instant (秒传), a signed upload slot, a duplicate of another file, or a rejection. */
public interface PrepareUploadsUseCase {

    List<PreparedItem> prepare(PrepareUploadsCommand command);
}
