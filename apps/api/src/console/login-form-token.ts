import { FormToken } from './form-token';

/** The login form's double-submit token (login CSRF). */
export const LOGIN_FORM_TOKEN = new FormToken('kk_login_form', '/');
