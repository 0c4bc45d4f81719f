/** Where the gateway puts a media upload for the content service to take: `uploads/<workspaceId>/<id>`. */
export function uploadKeyOf(workspaceId: string, uploadId: string): string {
  return `uploads/${workspaceId}/${uploadId}`;
}

/** Where the gateway puts an import file: `imports/<workspaceId>/<id>`. */
export function importSourceKeyOf(workspaceId: string, importFileId: string): string {
  return `imports/${workspaceId}/${importFileId}`;
}

/** True when `key` was made by uploadKeyOf or importSourceKeyOf for this workspace. */
export function isWorkspaceKey(key: string, kind: 'uploads' | 'imports', workspaceId: string): boolean {
  return key.startsWith(`${kind}/${workspaceId}/`) && key.split('/').length === 3;
}
