package dev.kehu.infra.privacy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.GetResponse;
import dev.kehu.events.customer.PersonalDataErased.SubjectType;
import dev.kehu.query.search.CustomerSearchConfiguration;
import dev.kehu.query.search.CustomerSearchDocument;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Purges a person from the customer search index: the customer's document is read, the person's fields are
 * emptied (an individual's names, phones and e-mails; a contact's name, phones and e-mails), and the document is
 * indexed again through {@link CustomerSearchDocument}, which derives pinyin and phone forms anew from what is left.
 * Any other text of the person ({@link Scrub}) goes too. Written with the document's own version
 * ({@code external_gte}), so the projection's later events still apply, and refreshed, so search stops finding the
 * person at once.
 */
class SearchScrubber {

    private final ElasticsearchClient client;

    SearchScrubber(ElasticsearchClient client) {
        this.client = client;
    }

    /** Whether a document was rewritten; an IOException when Elasticsearch does not answer. */
    @SuppressWarnings("unchecked")
    boolean scrub(String customerId, SubjectType subjectType, String subjectId, Set<String> texts) throws IOException {
        GetResponse<Map> found = client.get(get -> get.index(CustomerSearchConfiguration.ALIAS).id(customerId), Map.class);
        if (!found.found() || found.source() == null) {
            return false;
        }
        Map<String, Object> source = (Map<String, Object>) Scrub.value(found.source(), texts);
        CustomerSearchDocument document = CustomerSearchDocument.fromSource(source);
        if (subjectType == SubjectType.CUSTOMER && subjectId.equals(customerId)) {
            document.name(PersonalFields.Erased.ERASED).latinName(null).phones(List.of()).emails(List.of());
        } else if (document.contacts().stream().anyMatch(contact -> contact.contactId().equals(subjectId))) {
            document.contact(subjectId).name(PersonalFields.Erased.ERASED).phones(List.of()).emails(List.of());
        }
        long version = found.version() == null ? Math.max(0, document.lastSequence()) : found.version();
        client.index(index -> index.index(found.index()).id(customerId).version(version)
                .versionType(VersionType.ExternalGte).document(document.toSource()).refresh(Refresh.True));
        return true;
    }
}
