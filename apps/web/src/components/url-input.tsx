import { TextInput, type TextInputProps } from '@mantine/core';

/** Where Shopcast sends something: an http(s) URL the server checks (and refuses private addresses). */
export function UrlInput(props: Omit<TextInputProps, 'type'>) {
  return <TextInput label="URL" type="url" required placeholder="https://hooks.example.com/…" {...props} />;
}
