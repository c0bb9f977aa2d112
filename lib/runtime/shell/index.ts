// The shell session command cells run in: kubectl plus the shims the notes use, no real shell.
export { ShellSession } from './session';
export type { PortForward, ShellSessionOptions } from './session';
export { VirtualFS, normalizePath, resolvePath } from './fs';
export type { ShellResult } from './types';
export { notRunMessage, externalUrlMessage } from './messages';
