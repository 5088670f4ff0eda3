package dev.directupload.application.port.in.compat;

/**
 * One item of the article-compatible {@code POST /photos}, unvalidated (each item is judged on its own).
 *
 * @param fileSizeKb the article's {@code file_size}, in KB
 * @param fileType {@code image} or {@code video}
 * @param filePath the object key the client wrote
 * @param objectKey the article's {@code object_key}: absent, the key ({@code filePath}) or the MD5 ({@code hashValue},
 *     which is what the article's own client sends)
 * @param uploadTimeMillis the article's {@code upload_time}, informational
 */
public record PhotoRecord(
        String albumId,
        String familyId,
        String fileName,
        String filePath,
        String objectKey,
        String fileType,
        Long fileSizeKb,
        Long uploadTimeMillis,
        String hashValue) {}
