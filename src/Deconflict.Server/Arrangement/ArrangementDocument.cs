using System.Text.Json;
using Deconflict.Arrangement;
using Deconflict.Arrangement.Text;
using Deconflict.Server.Acts;
using Deconflict.Server.Problems;

namespace Deconflict.Server.Arrangement;

/// <summary>
/// The arrangement's JSON form as the server accepts it: Core's <see cref="ArrangementReader"/>, plus the server's own
/// rule that no party may take the operator's name, with errors as act problems naming the field.
/// </summary>
internal static class ArrangementDocument
{
    /// <summary>Reads the terms.</summary>
    /// <exception cref="ActException"><c>arrangement.invalid</c> naming the field at fault (prefixed by <paramref name="at"/>).</exception>
    public static ArrangementTerms Read(JsonElement doc, string at = "arrangement")
    {
        ArrangementTerms terms;
        try
        {
            terms = ArrangementReader.Read(doc);
        }
        catch (ArrangementException e)
        {
            throw new ActException(e.Code, e.Message, e.Field.Length == 0 ? at : $"{at}.{e.Field}");
        }

        for (var i = 0; i < terms.Parties.Count; i++)
        {
            if (terms.Parties[i].Id.Name == ActKinds.Operator)
            {
                throw new ActException("arrangement.invalid", $"{at}.parties[{i}].name: 'operator' is reserved for the server's own acts", $"{at}.parties[{i}].name");
            }
        }

        return terms;
    }
}
