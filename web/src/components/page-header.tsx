import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** A page's first line: its title (and a note such as the row count) on the left, its actions on the right. */
export function PageHeader(props: { title: ReactNode; note?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="yf-toolbar">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {props.title}
      </Typography.Title>
      {props.note}
      <div className="yf-toolbar-spacer" />
      {props.actions}
    </div>
  );
}
