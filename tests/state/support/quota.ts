/** About what Chromium allows one origin (5 M UTF-16 code units). */
export const DEFAULT_STORAGE_QUOTA = 5 * 1024 * 1024;
