import type {Messages} from './en.js'

type Shape<T> = {readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]>}

/** Deutsche Texte der Meldungen von tandem. */
export const de: Shape<Messages> = {
  severity: {error: 'Fehler', warning: 'Warnung', info: 'Hinweis'},
  rule: {
    'read-binary': 'Binärdatei (NUL-Byte an Byte {{byte}}), kein Markdown-Text',
    'read-encoding': 'kein gültiges UTF-8 (erstes ungültiges Byte an Offset {{byte}}); bitte als UTF-8 speichern',
    'read-failed': 'Datei nicht lesbar: {{reason}}',
    'parse-failed': 'nicht lesbar: {{reason}}',
    'input-too-large': 'Datei mit {{size}} Bytes, mehr als die Grenze von {{limit}} Bytes (maxInputBytes in tandem.config.json); nicht gelesen',
    'input-too-deep': 'Listen oder Zitate mehr als {{limit}} Ebenen tief verschachtelt; nicht übersetzt',
    'input-outside': 'ein symbolischer Link auf {{target}}, außerhalb des Eingabeordners; nicht gelesen',
    'internal': 'interner Fehler beim Schritt {{stage}}: {{reason}}; der Artikel wurde übersprungen, seine Ausgaben bleiben, wie sie waren',
    'placeholder-missing': '{{provider}} hat den Platzhalter {{tag}} verloren in: {{sentence}}',
    'placeholder-duplicate': '{{provider}} hat den Platzhalter {{tag}} verdoppelt in: {{sentence}}',
    'placeholder-unknown': '{{provider}} hat den Platzhalter {{tag}} erfunden in: {{sentence}}',
    'placeholder-nesting': '{{provider}} hat die Verschachtelung von {{tag}} zerstört in: {{sentence}}',
    'placeholder-kind': '{{provider}} hat die Art des Platzhalters {{tag}} geändert in: {{sentence}}',
    'translation-missing': '{{provider}} hat keine Übersetzung geliefert für: {{sentence}}',
    'translation-empty': '{{provider}} hat eine leere Übersetzung geliefert für: {{sentence}}',
    'translation-count': '{{provider}} hat nicht angefragte Übersetzungen geliefert ({{tag}}); Stapel verworfen: {{sentence}}',
    'provider-control': "Steuerzeichen ({{characters}}) aus der Antwort von {{provider}} entfernt bei: {{sentence}}",
    'provider-failed': '{{provider}} ist fehlgeschlagen ({{reason}}) bei: {{sentence}}',
    'needs-provider': '{{count}} Satz/Sätze fehlen im Übersetzungsspeicher, und kein Anbieter ist eingestellt',
    'glossary-missing': '„{{term}}“ ({{found}}) muss mit „{{english}}“ übersetzt werden in: {{sentence}}',
    'glossary-forbidden': '„{{term}}“ ist mit dem verbotenen „{{found}}“ statt „{{english}}“ übersetzt in: {{sentence}}',
    'glossary-reviewed': 'die geprüfte Übersetzung gibt „{{term}}“ nicht als „{{english}}“ wieder (bleibt unverändert) in: {{sentence}}',
    'qa-numbers': 'Zahl nicht in englischer Schreibweise übernommen ({{detail}}) in: {{sentence}}',
    'qa-quotes': 'deutsche Anführungszeichen im Englischen ({{detail}}) in: {{sentence}}',
    'qa-untranslated': 'scheint unübersetzt ({{detail}}): {{sentence}}',
    'qa-length': 'das Englische ist {{detail}}-mal so lang wie das Deutsche: {{sentence}}',
    'edit-lines': 'diese englische Datei hat {{lines}} Zeilen, der Build schrieb {{expected}}: Zeilen wurden hinzugefügt oder entfernt (erster Unterschied hier); eine Zeile je deutscher Zeile. Nichts wurde geändert',
    'edit-untranslated': 'eine bearbeitete Zeile ohne übersetzten Satz (Code, HTML, Markup); bitte im deutschen Artikel ändern. Nichts wurde geändert',
    'edit-markup': 'eine bearbeitete Zeile, deren Links, Code oder Formatierung sich geändert haben; nur die Wörter bearbeiten. Nichts wurde geändert',
    'edit-ambiguous': 'eine bearbeitete Zeile mit {{count}} Sätzen eines Blocks; welcher sich änderte, ist nicht erkennbar. Nichts wurde geändert',
    alignment: 'deutsche und englische Ausgabe haben verschieden viele Zeilen ({{de}} und {{en}}); nichts geschrieben',
    structure: 'die Ausgabe ({{file}}) würde die Markdown-Struktur ändern (erwartet {{expected}}, erhalten {{actual}}); nichts geschrieben',
    'output-conflict': 'Konflikt bei den Ausgaben: {{reason}}',
    'write-failed': 'Ausgaben nicht schreibbar: {{reason}}',
    'output-kept': 'behalten, obwohl die Eingabe fehlt: die Datei wurde geändert, seit tandem sie schrieb; löschen Sie sie selbst, wenn sie nicht gebraucht wird'
  },
  build: {
    summary: '{{articles}} Artikel: {{ok}} erstellt ({{unchanged}} unverändert, übersprungen), {{failed}} fehlgeschlagen; {{sentences}} Sätze, {{fromMemory}} aus dem Speicher, {{translated}} übersetzt',
    written: 'geschrieben: {{path}}',
    unchanged: 'unverändert: {{path}}',
    removed: 'entfernt: {{path}} (die Eingabe gibt es nicht mehr)',
    dryRunHeader: 'Probelauf: Es wird nichts gesendet oder geschrieben.',
    dryRunArticle: '{{path}}: {{sentences}} Sätze, {{fromMemory}} aus dem Speicher, {{toTranslate}} zu übersetzen ({{characters}} Zeichen)',
    dryRunTotal: 'Zu senden: {{sentences}} verschiedene Sätze, {{characters}} Zeichen',
    dryRunRemove: 'würde {{path}} entfernen (die Eingabe fehlt)',
    dryRunTokens: 'Geschätzte Kosten mit {{provider}}: etwa {{tokens}} Tokens',
    needsProviderHint: 'Zum Übersetzen einen Anbieter wählen: `tandem build --provider <Name>` oder "provider" in tandem.config.json. Anbieter: {{providers}}.',
    progressBar: '{{done}}/{{total}} Sätze, {{rate}}/s, noch {{left}} s',
    progress: '{{done}} von {{total}} Sätzen übersetzt, {{rate}}/s, noch etwa {{left}} s',
    retrying: 'neuer Versuch in {{seconds}} s (Versuch {{attempt}} von {{attempts}}: {{reason}})',
    stopped: '{{count}} Artikel nicht erstellt: nach diesem Fehler wurde nichts mehr gesendet; ihre bisherigen Ausgaben sind unverändert',
    strictFailed: 'fehlgeschlagen unter --strict: {{count}} Warnung(en) (die Ausgaben sind geschrieben; der Exit-Code ist 1)'
  },
  review: {
    title: 'Prüfung',
    german: 'Deutsch',
    english: 'Englisch',
    all: 'Alle',
    changed: 'Geändert',
    flagged: 'Markiert',
    unreviewed: 'Ungeprüft',
    statusReviewed: 'geprüft',
    statusMachine: 'maschinell',
    statusStale: 'veraltet',
    before: 'Vorher',
    suggestion: 'Geprüftes Englisch des alten Deutsch',
    requiredEnglish: 'vorgeschriebenes Englisch'
  },
  error: {
    file: '{{path}}: {{reason}}',
    fileReason: {
      missing: 'Datei oder Ordner nicht gefunden',
      folder: 'ein Ordner, wo eine Datei nötig ist',
      notFolder: 'eine Datei steht, wo ein Ordner nötig ist (im Pfad)',
      denied: 'Zugriff verweigert',
      inTheWay: 'eine Datei steht an der Stelle eines Ordners',
      loop: 'nicht lesbar (eine Schleife symbolischer Links)',
      other: 'nicht lesbar'
    },
    config: 'Konfigurationsfehler: {{message}}',
    memory: 'der Übersetzungsspeicher ist beschädigt: {{message}}',
    locked: 'der Ausgabeordner ist belegt: {{message}}',
    aborted: 'abgebrochen; alle bisher erhaltenen Übersetzungen bleiben im Speicher',
    internal: 'interner Fehler: {{message}}'
  }
}
