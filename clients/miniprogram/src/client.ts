import { ApiClient, type ApiClientOptions } from './api';
import { uploadFiles, type UploadFilesOptions, type UploadResult } from './upload';

/** The SDK's entry point: the API calls plus {@link uploadFiles}. */
export class DirectUploadClient<F> extends ApiClient<F> {
  uploadFiles(options: UploadFilesOptions<F>): Promise<UploadResult[]> {
    return uploadFiles(this, options);
  }
}

export function createClient<F>(options: ApiClientOptions<F>): DirectUploadClient<F> {
  return new DirectUploadClient(options);
}
