// Names shared by the server shell, the identity routes and the web app.
export const SESSION_COOKIE = 'corridor_session';
export const CSRF_HEADER = 'x-csrf-token';
