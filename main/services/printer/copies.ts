/** Settings key counting a session's duplicates on paper: the first is anyone's, later ones a supervisor's. */
export const duplicatesKey = (sessionId: string): string => `certificate.duplicates.${sessionId}`;
