/**
 * HRESULT names for client and server traces (pure): the name written on the line wins, else this table of
 * Lync/SfB SIP-stack codes (facility 0x3E9, "0xC3E9…") met in public traces, and the common SSPI/Schannel,
 * certificate, Winsock and WinHTTP codes (values as in the Windows SDK headers winerror.h / winhttp.h).
 */

/** Known names by upper-case 8-digit hex value. Sources: see each group. */
export const HRESULT_NAMES: Readonly<Record<string, string>> = {
  // Lync / SfB SIP stack (facility 0x3E9): names as printed in Microsoft and Cisco published traces
  C3E93EE4: 'SIP_E_AUTH_NTLMMISMATCH',
  C3E93EC3: 'SIP_E_AUTH_UNAUTHORIZED',
  C3E93C5E: 'SIPPROXY_E_ROUTING',
  C3E93D67: 'SIPPROXY_E_ROUTING_MSG_CERT_MISMATCH',
  C3E93D6F: 'SIPPROXY_E_EPROUTING_MSG_ALLOWED_DOMAIN_NO_SRV_MATCH',
  // Unified Communications Client API (UCCAPI, facility 0xEE): "Unified Communications Client API Error Codes",
  // https://learn.microsoft.com/en-us/previous-versions/office/developer/communication-server-2007/bb804417(v=office.12)
  '80EE0000': 'UCC_E_CODECS_MISMATCH',
  '80EE0001': 'UCC_E_STREAM_PRESENT',
  '80EE0002': 'UCC_E_STREAM_NOT_PRESENT',
  '80EE0003': 'UCC_E_NO_STREAM',
  '80EE0004': 'UCC_E_SIP_PARSE_FAILED',
  '80EE0005': 'UCC_E_SIP_HEADER_NOT_PRESENT',
  '80EE0006': 'UCC_E_SDP_NOT_PRESENT',
  '80EE0007': 'UCC_E_SDP_PARSE_FAILED',
  '80EE0008': 'UCC_E_SDP_UPDATE_FAILED',
  '80EE0009': 'UCC_E_SDP_MULTICAST',
  '80EE000A': 'UCC_E_SDP_CONNECTION_ADDR',
  '80EE000B': 'UCC_E_SDP_NO_MEDIA',
  '80EE000C': 'UCC_E_SIP_TIMEOUT',
  '80EE000D': 'UCC_E_SDP_FAILED_TO_BUILD',
  '80EE000E': 'UCC_E_SIP_INVITE_TRANSACTION_PENDING',
  '80EE000F': 'UCC_E_SIP_AUTHENTICATION_HEADER_SENT',
  '80EE0010': 'UCC_E_SIP_AUTHENTICATION_TYPE_NOT_SUPPORTED',
  '80EE0011': 'UCC_E_SIP_AUTHENTICATION_FAILED',
  '80EE0012': 'UCC_E_INVALID_SIP_URL',
  '80EE0013': 'UCC_E_DESTINATION_ADDRESS_LOCAL',
  '80EE0014': 'UCC_E_INVALID_ADDRESS_LOCAL',
  // SSPI / Schannel (winerror.h)
  '80090302': 'SEC_E_UNSUPPORTED_FUNCTION',
  '80090303': 'SEC_E_TARGET_UNKNOWN',
  '80090304': 'SEC_E_INTERNAL_ERROR',
  '80090308': 'SEC_E_INVALID_TOKEN',
  '8009030C': 'SEC_E_LOGON_DENIED',
  '8009030D': 'SEC_E_UNKNOWN_CREDENTIALS',
  '8009030E': 'SEC_E_NO_CREDENTIALS',
  '80090311': 'SEC_E_NO_AUTHENTICATING_AUTHORITY',
  '80090322': 'SEC_E_WRONG_PRINCIPAL',
  '80090324': 'SEC_E_TIME_SKEW',
  '80090325': 'SEC_E_UNTRUSTED_ROOT',
  '80090326': 'SEC_E_ILLEGAL_MESSAGE',
  '80090327': 'SEC_E_CERT_UNKNOWN',
  '80090328': 'SEC_E_CERT_EXPIRED',
  '80090331': 'SEC_E_ALGORITHM_MISMATCH',
  // Certificates (winerror.h)
  '800B0101': 'CERT_E_EXPIRED',
  '800B0109': 'CERT_E_UNTRUSTEDROOT',
  '800B010F': 'CERT_E_CN_NO_MATCH',
  '800B010A': 'CERT_E_CHAINING',
  '80092012': 'CRYPT_E_NO_REVOCATION_CHECK',
  '80092013': 'CRYPT_E_REVOCATION_OFFLINE',
  // Generic COM / Win32 (winerror.h)
  '80004005': 'E_FAIL',
  '80070005': 'E_ACCESSDENIED',
  '8007000E': 'E_OUTOFMEMORY',
  '80070057': 'E_INVALIDARG',
  '800705B4': 'HRESULT_FROM_WIN32(ERROR_TIMEOUT)',
  // Winsock as HRESULT (winerror.h WSA* codes, facility Win32)
  '80072746': 'HRESULT_FROM_WIN32(WSAECONNRESET)',
  '8007274C': 'HRESULT_FROM_WIN32(WSAETIMEDOUT)',
  '8007274D': 'HRESULT_FROM_WIN32(WSAECONNREFUSED)',
  '80072751': 'HRESULT_FROM_WIN32(WSAEHOSTUNREACH)',
  '80072AF9': 'HRESULT_FROM_WIN32(WSAHOST_NOT_FOUND)',
  // WinHTTP (winhttp.h ERROR_WINHTTP_* as HRESULT)
  '80072EE2': 'ERROR_WINHTTP_TIMEOUT',
  '80072EE7': 'ERROR_WINHTTP_NAME_NOT_RESOLVED',
  '80072EFD': 'ERROR_WINHTTP_CANNOT_CONNECT',
  '80072EFE': 'ERROR_WINHTTP_CONNECTION_ERROR',
  '80072F05': 'ERROR_WINHTTP_SECURE_CERT_DATE_INVALID',
  '80072F06': 'ERROR_WINHTTP_SECURE_CERT_CN_INVALID',
  '80072F0C': 'ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED',
  '80072F0D': 'ERROR_WINHTTP_SECURE_INVALID_CA',
  '80072F8F': 'ERROR_WINHTTP_SECURE_FAILURE',
};

const NAMED = /^[A-Z][A-Z0-9]*_[A-Z0-9_]{2,80}$/;

/** "0x80090322" from any spelling ("80090322", "0xc3e93c5e"); null when not 8 hex digits. */
export function normaliseHresult(text: string): string | null {
  const m = /^(?:0x)?([0-9a-fA-F]{8})$/.exec(text.trim());
  return m ? `0x${(m[1] as string).toUpperCase()}` : null;
}

/** The name for an HRESULT: `written` (from the line) when it looks like a constant, else the table, else a facility hint. */
export function hresultName(hresult: string, written: string | null = null): string | null {
  if (written && NAMED.test(written)) return written;
  const hex = hresult.replace(/^0x/i, '').toUpperCase();
  const known = HRESULT_NAMES[hex];
  if (known) return known;
  if (hex.startsWith('C3E9')) return 'Lync/SfB SIP stack code (facility 0x3E9), name not in our table';
  return null;
}

const HR_WITH_NAME = /0x([89a-fA-F][0-9a-fA-F]{7})\b(?:\s*\(\s*([A-Za-z][A-Za-z0-9_]{3,80})\s*\)|[ \t]+([A-Z][A-Z0-9]*_[A-Z0-9_]{2,80}))?/g;

/** Every HRESULT on a line with the name written next to it ("0xC3E93C5E(SIPPROXY_E_ROUTING)", "0xc3e93d6f SIPPROXY_E_…"). */
export function hresultsOnLine(text: string): Array<{ hresult: string; written: string | null }> {
  const out: Array<{ hresult: string; written: string | null }> = [];
  HR_WITH_NAME.lastIndex = 0;
  for (let m = HR_WITH_NAME.exec(text); m && out.length < 16; m = HR_WITH_NAME.exec(text)) {
    out.push({ hresult: `0x${(m[1] as string).toUpperCase()}`, written: m[2] ?? m[3] ?? null });
  }
  return out;
}
