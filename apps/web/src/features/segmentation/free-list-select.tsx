import { Select, type SelectProps } from 'antd';

/** A list of free words (tags, ICD-10 prefixes): typed and confirmed with Enter or a comma, no drop-down. */
export function FreeListSelect(props: Omit<SelectProps<string[]>, 'mode'>) {
  return (
    <Select<string[]>
      mode="tags"
      tokenSeparators={[',', '，', '、']}
      open={false}
      suffixIcon={null}
      style={{ minWidth: 160 }}
      {...props}
    />
  );
}
