// Small cell renderers shared by the catalog grids.

import type { CustomCellRendererProps } from 'ag-grid-react';
import { Tag } from 'antd';
import { StatusTag } from './status-tag';

export function StatusCell(props: CustomCellRendererProps) {
  return <StatusTag status={props.value as string | null} />;
}

export function TagsCell(props: CustomCellRendererProps) {
  const tags = (props.data as { tags?: string[] } | undefined)?.tags ?? [];
  return (
    <>
      {tags.map((tag) => (
        <Tag key={tag} style={{ marginInlineEnd: 4 }}>
          {tag}
        </Tag>
      ))}
    </>
  );
}

export function ImageCell(props: CustomCellRendererProps) {
  const images = (props.data as { images?: string[] } | undefined)?.images;
  const src = images?.[0];
  return src ? <img className="yf-thumb" src={src} alt="" loading="lazy" referrerPolicy="no-referrer" /> : null;
}
