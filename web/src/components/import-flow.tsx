// Upload → "Validate (dry run)" → report → "Import" (only when the dry run found no error) → result.
import { CheckCircleOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Space, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type QueryParams } from '../lib/api';
import type { ImportReport } from '../lib/types';
import { ImportReportView } from './import-report';

interface ImportFlowProps {
  /** The import endpoint, e.g. `/catalog/import`. */
  path: string;
  /** Extra query parameters (the kind of rows). */
  query?: QueryParams;
  accept: string;
  onImported?: (report: ImportReport) => void;
}

export function ImportFlow(props: ImportFlowProps) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);

  const run = useMutation({
    mutationFn: (input: { file: File; dryRun: boolean }) =>
      api.upload<ImportReport>(props.path, input.file, { ...props.query, dryRun: input.dryRun }),
    onSuccess: (result) => {
      setReport(result);
      if (!result.dryRun && result.status === 'ok') props.onImported?.(result);
    },
  });

  const choose = (chosen: File | null) => {
    setFile(chosen);
    setReport(null);
    run.reset();
  };

  const validated = report?.dryRun === true && report.status === 'ok' && report.errors.length === 0;
  const imported = report?.dryRun === false && report.status === 'ok';
  const fileList: UploadFile[] = file ? [{ uid: 'file', name: file.name, status: 'done', size: file.size }] : [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Upload.Dragger
        accept={props.accept}
        maxCount={1}
        fileList={fileList}
        beforeUpload={(chosen) => {
          choose(chosen);
          return false;
        }}
        onRemove={() => {
          choose(null);
          return true;
        }}
        data-testid="import-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('import.dropHint')}</p>
        <p className="ant-upload-hint">{t('import.formats', { accept: props.accept })}</p>
      </Upload.Dragger>
      <Space>
        <Button
          icon={<CheckCircleOutlined />}
          disabled={!file || imported}
          loading={run.isPending && run.variables?.dryRun === true}
          onClick={() => file && run.mutate({ file, dryRun: true })}
          data-testid="import-validate"
        >
          {t('import.validate')}
        </Button>
        <Button
          type="primary"
          icon={<UploadOutlined />}
          disabled={!file || !validated}
          loading={run.isPending && run.variables?.dryRun === false}
          onClick={() => file && run.mutate({ file, dryRun: false })}
          data-testid="import-run"
        >
          {t('import.run')}
        </Button>
        {imported && <Button onClick={() => choose(null)}>{t('import.another')}</Button>}
      </Space>
      {report && <ImportReportView report={report} />}
    </Space>
  );
}
