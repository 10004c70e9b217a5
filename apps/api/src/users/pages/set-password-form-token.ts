import { FormToken } from '../../console/form-token';

/**
 * The set-password form's double-submit token: a cookie of its own (path /set-password), so a
 * login page opened in another tab does not void this form.
 */
export const SET_PASSWORD_FORM_TOKEN = new FormToken('kk_set_password_form', '/set-password');
