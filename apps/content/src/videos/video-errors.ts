/** An input the render cannot use (a corrupt or unsupported image, a missing font): retrying would not help. */
export class VideoInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VideoInputError';
  }
}
