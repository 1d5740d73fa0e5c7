#include <cornerstone/cornerstone.h>
#include <iostream>

int main() {
  auto db = cornerstone::Database::Open();  // in memory; Open("kg.db") for a file
  cornerstone::Connection conn(**db);
  auto created = conn.Query("CREATE (:Company {name: 'SoftBank'})-[:INVESTED_IN]->(:Company {name: 'OpenAI'})");
  auto result = conn.Query("MATCH (a {name: $name})-[:INVESTED_IN]->(b) RETURN b.name", {{"name", "SoftBank"}});
  while (created.ok() && result.ok() && result->Next()) std::cout << *result->GetString(0) << "\n";
}
