import { describe, expect, it } from '@jest/globals';
import { deniedReason } from './roles';

describe('deniedReason', () => {
  it('lets every role read, editors and up write, owners and admins manage', () => {
    expect(deniedReason('viewer', 'read')).toBeUndefined();
    expect(deniedReason('editor', 'write')).toBeUndefined();
    expect(deniedReason('admin', 'manage')).toBeUndefined();
    expect(deniedReason('owner', 'manage')).toBeUndefined();
  });

  it('says why a role may not act, in words for the person', () => {
    expect(deniedReason('viewer', 'write')).toBe(
      'Viewers can look but not change anything in this workspace.',
    );
    expect(deniedReason('editor', 'manage')).toBe('Only owners and admins of this workspace can do this.');
  });

  it('holds actions back while the role is not known yet', () => {
    expect(deniedReason(undefined, 'read')).toMatch(/Checking your role/);
  });
});
