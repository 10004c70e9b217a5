import { FormToken } from '../../console/form-token';

/** The 「パスワードをお忘れの方」 form's double-submit token (a cookie of its own, path /login/forgot). */
export const FORGOT_PASSWORD_FORM_TOKEN = new FormToken('kk_forgot_password_form', '/login/forgot');
