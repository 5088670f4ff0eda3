/** A photo or video recorded in an album. `url` is a presigned GET valid until `urlExpiresAt`. */
export interface Photo {
  id: string;
  albumId: string;
  familyId: string;
  fileName: string;
  type: 'image' | 'video' | string;
  contentType: string;
  size: number;
  md5: string;
  creatorId: string;
  capturedAt: string | null;
  createdAt: string;
  url: string;
  urlExpiresAt?: string;
}

export interface Family {
  id: string;
  name: string;
  role: 'owner' | 'member' | string;
}

export interface Album {
  id: string;
  familyId: string;
  name: string;
  photoCount?: number;
}

export interface PhotoPage {
  items: Photo[];
  nextCursor: string | null;
}

/** One item of the `POST /uploads` answer, as the service sends it (snake_case). */
export interface PreparedItemJson {
  client_ref: string;
  status: 'upload' | 'instant' | 'duplicate' | 'rejected';
  upload_id?: string;
  url?: string;
  fields?: Record<string, string>;
  expires_at?: string;
  photo?: PhotoJson;
  duplicate_of?: string;
  code?: string;
  message?: string;
}

export interface PhotoJson {
  id: string;
  album_id: string;
  family_id: string;
  file_name: string;
  type: string;
  content_type: string;
  size: number;
  md5: string;
  creator_id: string;
  captured_at: string | null;
  created_at: string;
  url: string;
  url_expires_at?: string;
}

export function photoFromJson(json: PhotoJson): Photo {
  return {
    id: json.id,
    albumId: json.album_id,
    familyId: json.family_id,
    fileName: json.file_name,
    type: json.type,
    contentType: json.content_type,
    size: json.size,
    md5: json.md5,
    creatorId: json.creator_id,
    capturedAt: json.captured_at ?? null,
    createdAt: json.created_at,
    url: json.url,
    urlExpiresAt: json.url_expires_at,
  };
}
