/** Where the original of an asset is stored. */
export function originalKeyOf(workspaceId: string, mediaId: string): string {
  return `media/${workspaceId}/${mediaId}/original`;
}

/** Where a derived file of an asset is stored. */
export function variantKeyOf(workspaceId: string, mediaId: string, name: string, format: string): string {
  return `media/${workspaceId}/${mediaId}/${name}.${format === 'jpeg' ? 'jpg' : format}`;
}
