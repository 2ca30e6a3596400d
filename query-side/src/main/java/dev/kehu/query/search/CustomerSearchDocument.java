package dev.kehu.query.search;

import dev.kehu.query.elasticsearch.IndexedDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One customer as the search index holds it: the customer's own names, phones and e-mails, its
 * filter fields, and its contacts as nested documents. Derived fields (pinyin, normalized phones,
 * last four digits) are computed when the document is written, from the raw values kept here.
 *
 * <p>{@code lastSequence} is the aggregate sequence number of the last Customer event applied; the
 * projection uses it as the Elasticsearch external version, so an event applied twice (a replay)
 * is rejected by the index and changes nothing.
 */
public final class CustomerSearchDocument implements IndexedDocument<CustomerSearchDocument> {

    private final String customerId;
    private String kind;
    private String name;
    private String latinName;
    private final List<String> phones = new ArrayList<>();
    private final List<String> emails = new ArrayList<>();
    private String region;
    private String tier;
    private String manager;
    private String lifecycle;
    private final Set<String> tags = new LinkedHashSet<>();
    private String industry;
    private boolean merged;
    private String mergedInto;
    private boolean churned;
    private String churnReason;
    private long lastSequence = -1;
    private final Map<String, Contact> contacts = new LinkedHashMap<>();

    public CustomerSearchDocument(String customerId) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
    }

    /** A contact of the customer, as indexed (raw values; derived fields are computed on write). */
    public static final class Contact {
        private final String contactId;
        private String name;
        private String title;
        private final List<String> phones = new ArrayList<>();
        private final List<String> emails = new ArrayList<>();
        private boolean primary;

        public Contact(String contactId) {
            this.contactId = Objects.requireNonNull(contactId, "contactId");
        }

        public String contactId() { return contactId; }
        public String name() { return name; }
        public String title() { return title; }
        public List<String> phones() { return phones; }
        public List<String> emails() { return emails; }
        public boolean primary() { return primary; }

        public Contact name(String value) { this.name = value; return this; }
        public Contact title(String value) { this.title = value; return this; }
        public Contact primary(boolean value) { this.primary = value; return this; }

        public Contact phones(List<String> values) {
            phones.clear();
            if (values != null) {
                phones.addAll(values);
            }
            return this;
        }

        public Contact emails(List<String> values) {
            emails.clear();
            if (values != null) {
                emails.addAll(values);
            }
            return this;
        }

        Map<String, Object> toSource() {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("contactId", contactId);
            source.put("name", name);
            source.put("title", title);
            Pinyin.Forms pinyin = Pinyin.ofPersonName(pinyinInput(name));
            source.put("pinyin", pinyin.full());
            source.put("pinyinInitials", pinyin.initials());
            putPhones(source, phones);
            source.put("emails", List.copyOf(emails));
            source.put("primary", primary);
            return source;
        }
    }

    public String customerId() { return customerId; }
    public String kind() { return kind; }
    public String name() { return name; }
    public String latinName() { return latinName; }
    public List<String> phones() { return phones; }
    public List<String> emails() { return emails; }
    public String region() { return region; }
    public String tier() { return tier; }
    public String manager() { return manager; }
    public String lifecycle() { return lifecycle; }
    public Set<String> tags() { return tags; }
    public String industry() { return industry; }
    public boolean merged() { return merged; }
    public String mergedInto() { return mergedInto; }
    public boolean churned() { return churned; }
    public String churnReason() { return churnReason; }
    public long lastSequence() { return lastSequence; }
    /** The id of the indexed document: the customer's. */
    @Override public String id() { return customerId; }
    /** The version of the indexed document: the aggregate sequence number of the last Customer event applied. */
    @Override public long version() { return lastSequence; }
    @Override public void version(long sequence) { lastSequence = sequence; }
    public List<Contact> contacts() { return List.copyOf(contacts.values()); }

    public CustomerSearchDocument kind(String value) { this.kind = value; return this; }
    public CustomerSearchDocument name(String value) { this.name = value; return this; }
    public CustomerSearchDocument latinName(String value) { this.latinName = value; return this; }
    public CustomerSearchDocument region(String value) { this.region = value; return this; }
    public CustomerSearchDocument tier(String value) { this.tier = value; return this; }
    public CustomerSearchDocument manager(String value) { this.manager = value; return this; }
    public CustomerSearchDocument lifecycle(String value) { this.lifecycle = value; return this; }
    public CustomerSearchDocument industry(String value) { this.industry = value; return this; }
    public CustomerSearchDocument lastSequence(long value) { this.lastSequence = value; return this; }

    public CustomerSearchDocument phones(List<String> values) {
        phones.clear();
        if (values != null) {
            phones.addAll(values);
        }
        return this;
    }

    public CustomerSearchDocument emails(List<String> values) {
        emails.clear();
        if (values != null) {
            emails.addAll(values);
        }
        return this;
    }

    public CustomerSearchDocument tags(Iterable<String> values) {
        tags.clear();
        if (values != null) {
            values.forEach(tags::add);
        }
        return this;
    }

    public CustomerSearchDocument addTag(String tag) { tags.add(tag); return this; }
    public CustomerSearchDocument removeTag(String tag) { tags.remove(tag); return this; }

    public CustomerSearchDocument mergedInto(String survivorId) {
        this.merged = survivorId != null;
        this.mergedInto = survivorId;
        return this;
    }

    public CustomerSearchDocument churned(boolean value, String reason) {
        this.churned = value;
        this.churnReason = value ? reason : null;
        return this;
    }

    /** The contact with this id, created empty when the customer has none yet. */
    public Contact contact(String contactId) {
        return contacts.computeIfAbsent(contactId, Contact::new);
    }

    public CustomerSearchDocument removeContact(String contactId) {
        contacts.remove(contactId);
        return this;
    }

    /** Makes this contact the only primary one. */
    public CustomerSearchDocument primaryContact(String contactId) {
        contacts.values().forEach(contact -> contact.primary(contact.contactId().equals(contactId)));
        return this;
    }

    /** A deep copy: a change that fails half-way (a poison event) is made on the copy and dropped. */
    @Override
    public CustomerSearchDocument copy() {
        CustomerSearchDocument copy = new CustomerSearchDocument(customerId);
        copy.kind = kind;
        copy.name = name;
        copy.latinName = latinName;
        copy.phones.addAll(phones);
        copy.emails.addAll(emails);
        copy.region = region;
        copy.tier = tier;
        copy.manager = manager;
        copy.lifecycle = lifecycle;
        copy.tags.addAll(tags);
        copy.industry = industry;
        copy.merged = merged;
        copy.mergedInto = mergedInto;
        copy.churned = churned;
        copy.churnReason = churnReason;
        copy.lastSequence = lastSequence;
        contacts.forEach((id, contact) -> copy.contacts.put(id, new Contact(id).name(contact.name).title(contact.title)
                .phones(contact.phones).emails(contact.emails).primary(contact.primary)));
        return copy;
    }

    /**
     * Pinyin is derived from the first {@value #PINYIN_INPUT} characters of a name only: nobody types
     * a longer name in pinyin, and deriving the variants of a 20,000-character name from an import took
     * seconds per write.
     */
    static final int PINYIN_INPUT = 64;

    static String pinyinInput(String text) {
        if (text == null || text.length() <= PINYIN_INPUT) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(PINYIN_INPUT - 1)) ? PINYIN_INPUT - 1 : PINYIN_INPUT;
        return text.substring(0, end);
    }

    /** The document as indexed, with derived fields. */
    @Override
    public Map<String, Object> toSource() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("customerId", customerId);
        source.put("kind", kind);
        source.put("name", name);
        source.put("latinName", latinName);
        Set<String> pinyin = new LinkedHashSet<>();
        Set<String> initials = new LinkedHashSet<>();
        boolean person = "INDIVIDUAL".equals(kind);
        List<String> texts = new ArrayList<>(java.util.Arrays.asList(name, latinName));
        if (!person) {
            texts.addAll(CompanyNames.shortNames(name)); // 京东, jd, jingdong for 北京京东世纪贸易有限公司
        }
        for (String text : texts) {
            Pinyin.Forms forms = person ? Pinyin.ofPersonName(pinyinInput(text)) : Pinyin.ofText(pinyinInput(text));
            pinyin.addAll(forms.full());
            initials.addAll(forms.initials());
        }
        source.put("pinyin", List.copyOf(pinyin));
        source.put("pinyinInitials", List.copyOf(initials));
        putPhones(source, phones);
        source.put("emails", List.copyOf(emails));
        source.put("region", region);
        source.put("tier", tier);
        source.put("manager", manager);
        source.put("lifecycle", lifecycle);
        source.put("tags", List.copyOf(tags));
        source.put("industry", industry);
        source.put("merged", merged);
        source.put("mergedInto", mergedInto);
        source.put("churned", churned);
        source.put("churnReason", churnReason);
        source.put("lastSequence", lastSequence);
        source.put("contacts", contacts.values().stream().map(Contact::toSource).toList());
        return source;
    }

    private static void putPhones(Map<String, Object> source, List<String> raw) {
        Set<String> forms = new LinkedHashSet<>();
        Set<String> lastFour = new LinkedHashSet<>();
        for (String phone : raw) {
            PhoneNumbers.normalize(phone).ifPresent(normalized -> {
                forms.addAll(PhoneNumbers.searchForms(normalized));
                PhoneNumbers.lastFour(normalized).ifPresent(lastFour::add);
            });
        }
        source.put("phones", List.copyOf(forms));
        source.put("phoneLastFour", List.copyOf(lastFour));
    }

    /**
     * Rebuilds a document from what the index returned. Derived fields are ignored; phones come back
     * in their normalized forms, which normalize to themselves.
     */
    @SuppressWarnings("unchecked")
    public static CustomerSearchDocument fromSource(Map<String, Object> source) {
        CustomerSearchDocument document = new CustomerSearchDocument((String) source.get("customerId"))
                .kind((String) source.get("kind"))
                .name((String) source.get("name"))
                .latinName((String) source.get("latinName"))
                .phones(primaryForms((List<String>) source.get("phones")))
                .emails((List<String>) source.get("emails"))
                .region((String) source.get("region"))
                .tier((String) source.get("tier"))
                .manager((String) source.get("manager"))
                .lifecycle((String) source.get("lifecycle"))
                .tags((List<String>) source.get("tags"))
                .industry((String) source.get("industry"))
                .mergedInto((String) source.get("mergedInto"))
                .churned(Boolean.TRUE.equals(source.get("churned")), (String) source.get("churnReason"))
                .lastSequence(((Number) source.getOrDefault("lastSequence", -1)).longValue());
        List<Map<String, Object>> contacts = (List<Map<String, Object>>) source.get("contacts");
        if (contacts != null) {
            for (Map<String, Object> contact : contacts) {
                document.contact((String) contact.get("contactId"))
                        .name((String) contact.get("name"))
                        .title((String) contact.get("title"))
                        .phones(primaryForms((List<String>) contact.get("phones")))
                        .emails((List<String>) contact.get("emails"))
                        .primary(Boolean.TRUE.equals(contact.get("primary")));
            }
        }
        return document;
    }

    /** Drops the extra local-number forms searchForms added, keeping one entry per phone. */
    private static List<String> primaryForms(List<String> indexed) {
        if (indexed == null) {
            return List.of();
        }
        List<String> primary = new ArrayList<>();
        for (String form : indexed) {
            boolean isLocalPartOfPrevious = primary.stream()
                    .anyMatch(previous -> !previous.equals(form) && PhoneNumbers.searchForms(previous).contains(form));
            if (!isLocalPartOfPrevious) {
                primary.add(form);
            }
        }
        return primary;
    }
}
