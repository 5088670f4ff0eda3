const TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
};

/** The MIME type the service accepts for a file name's extension, or `application/octet-stream`. */
export function typeFromName(name: string): string {
  const dot = name.lastIndexOf('.');
  const ext = dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
  return TYPES[ext] ?? 'application/octet-stream';
}

/** The last segment of a path or URL (`wxfile://tmp_ab12.jpg` → `tmp_ab12.jpg`). */
export function baseName(path: string): string {
  const clean = path.split(/[?#]/)[0] ?? path;
  const slash = Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\'));
  return slash < 0 ? clean : clean.slice(slash + 1);
}
