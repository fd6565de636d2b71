using OpenGov.Data.Listing;
using OpenGov.Data.Model;

namespace OpenGov.Data.Queries;

public sealed class MilestoneQueries(Db db)
{
    public static readonly Collection Collection = new("milestones", "milestone ms", ["ms.commitment_id", "ms.number"],
    [
        CommonFields.Commitment("ms.commitment_id"),
        CommonFields.ActionPlan("f.action_plan_id"),
        CommonFields.Member("f.member_id"),
        CommonFields.Integer("number", "ms.number", "The milestone's number within its commitment, from 1"),
        CommonFields.Date("start_date", "ms.start_date", "When the milestone starts"),
        CommonFields.Date("end_date", "ms.end_date", "When the milestone ends"),
    ], joins:
    [
        ("c", "JOIN commitment c ON c.id = ms.commitment_id"),
        // Plan and member filters read the commitment's narrow, indexed filter row, not its wide row.
        ("f", "JOIN commitment_filter f ON f.commitment_id = ms.commitment_id"),
    ]);

    const string Select = """
        ms.commitment_id, ms.number, ms.text_en, ms.text_fr, ms.text_es, ms.source_lang, ms.start_date, ms.end_date,
        c.title_en AS commitment_en, c.title_fr AS commitment_fr, c.title_es AS commitment_es, c.source_lang AS commitment_lang
        """;

    public async Task<KeysetPage<Milestone>> ListAsync(ListRequest request, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        var page = await Collection.ListAsync<Row>(c, Select, request, read.Token);
        return page.Select(r => r.ToMilestone(request.Lang));
    }

    sealed class Row : KeyedRow
    {
        public string CommitmentId { get; set; } = "";
        public int Number { get; set; }
        public string? TextEn { get; set; }
        public string? TextFr { get; set; }
        public string? TextEs { get; set; }
        public string SourceLang { get; set; } = "en";
        public string? StartDate { get; set; }
        public string? EndDate { get; set; }
        public string? CommitmentEn { get; set; }
        public string? CommitmentFr { get; set; }
        public string? CommitmentEs { get; set; }
        public string CommitmentLang { get; set; } = "en";

        public Milestone ToMilestone(string lang)
        {
            var text = new Localized(TextEn, TextFr, TextEs);
            var served = text.ServedLanguage(lang, SourceLang);
            var commitment = new Ref(CommitmentId, new Localized(CommitmentEn, CommitmentFr, CommitmentEs).Pick(served, CommitmentLang));
            return new Milestone($"{CommitmentId}-{Number}", commitment, Number, text.Pick(served, SourceLang), StartDate, EndDate, served);
        }
    }
}
