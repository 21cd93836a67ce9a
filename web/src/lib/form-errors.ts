// Puts a server validation error (`details.field`) under the form field it names; other errors go to a notification.
import type { FormInstance } from 'antd';
import { ApiError } from './api';
import { notifyError } from './notify';

/** Marks the field named by the server's error on the form; returns true when it did. */
export function applyFieldError(form: FormInstance, err: unknown): boolean {
  if (err instanceof ApiError && err.field) {
    const name = err.field.split('.');
    const known = form.getFieldInstance(name) !== undefined || form.getFieldValue(name) !== undefined;
    if (known) {
      form.setFields([{ name, errors: [err.message] }]);
      form.scrollToField(name);
      return true;
    }
  }
  notifyError(err);
  return false;
}
