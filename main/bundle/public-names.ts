/** Word lists for pseudonymisation: what is public (kept), what makes a host name, what is too common to be a name. */

/** Public names that identify nobody and that checks rely on (Office 365, CAs, documentation names). */
export const KEEP_DOMAINS = [
  'lync.com', 'skype.com', 'skypeforbusiness.com', 'microsoft.com', 'microsoftonline.com', 'microsoftonline-p.com', 'office.com',
  'office.net', 'office365.com', 'outlook.com', 'live.com', 'windows.net', 'windowsupdate.com', 'msft.net', 'msftncsi.com', 'msocsp.com', 'azure.com',
  'azureedge.net', 'digicert.com', 'verisign.com', 'symantec.com', 'globalsign.com', 'globalsign.net', 'entrust.net', 'godaddy.com',
  'letsencrypt.org', 'lencr.org', 'sectigo.com', 'comodoca.com', 'usertrust.com', 'omniroot.com', 'apple.com', 'icloud.com', 'google.com',
  'android.com', 'example.com', 'example.net', 'example.org', 'in-addr.arpa', 'ip6.arpa',
];
/** Reserved top-level domains (RFC 2606/6761): never anyone's. */
export const KEEP_TLDS = new Set(['example', 'test', 'invalid', 'localhost']);

/** Suffixes under which the next label is the organisation's (registrable domain = label + suffix). */
export const PUBLIC_SUFFIXES = [
  'mail.onmicrosoft.com', 'onmicrosoft.com', 'sharepoint.com',
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'me.uk', 'ltd.uk', 'plc.uk', 'com.au', 'net.au', 'org.au', 'edu.au', 'gov.au', 'co.nz', 'org.nz',
  'co.jp', 'ne.jp', 'or.jp', 'co.za', 'com.br', 'com.cn', 'net.cn', 'com.mx', 'com.tr', 'co.in', 'co.kr', 'com.sg', 'com.hk', 'com.tw',
  'co.il', 'com.ar', 'co.id', 'com.my', 'co.th', 'com.pl', 'com.ua', 'com.ru',
];
/** Suffixes kept in the token, so "is this an Office 365 tenant" still reads the same. */
export const TENANT_SUFFIXES = new Set(['mail.onmicrosoft.com', 'onmicrosoft.com', 'sharepoint.com']);

/** Top-level domains that make a dotted word a host name (file extensions like .md/.sh/.py/.ps are left out). */
export const TLDS = new Set(
  (
    'com net org edu gov mil int info biz name pro aero coop mobi asia tel travel jobs cat app dev cloud online site tech store xyz top club ' +
    'shop local lan corp internal intranet intra home localdomain ad priv private office group company global world email network systems ' +
    'solutions services io ai eu us uk de fr nl se no dk fi be ch at it es pt pl cz sk hu ro bg gr ie lu li ee lv lt si hr ru ua by tr il ae sa qa ' +
    'cn jp kr tw hk sg my th vn id ph au nz za ng ke eg ma br ar cl co mx pe ve uy ca tv me nu ws is'
  ).split(' '),
);

/** DNS labels that name a role, not an organisation: kept so names still read (and checks still match). */
export const WELL_KNOWN_LABELS = new Set(
  (
    'lyncdiscover lyncdiscoverinternal sip sipinternal sipexternal sipfed _sip _tls _tcp _udp _sipinternaltls _sipinternal _sipfederationtls ' +
    '_autodiscover _ntp _ldap _kerberos _msdcs _gc autodiscover webext webint meet dialin admin scheduler www mail owa ews lync lyncweb ' +
    'pool edge av webconf dc ldap wpad proxy pac ocsp crl pki push sts adfs fs login enterpriseregistration enterpriseenrollment msoid ' +
    'ucwa ucupdates-r2 outlook exchange smtp imap pop federation'
  ).split(' '),
);

/** Words never treated as a person or organisation name on their own (they are too common). */
export const STOP_WORDS = new Set(
  (
    'admin administrator info support test user users sip mail help service services noreply no-reply postmaster root guest system default ' +
    'public contact office lync skype meet dialin the and for not you all any com net org local corp home domain server client'
  ).split(' '),
);
